#!/usr/bin/env python3
"""Makes the fuzz targets' seed inputs from the project's real captures and fixtures.

Run from the repository root: python3 bench/fuzz-seeds.py. It rewrites only files named seed-*
(and the hand-made length-field inputs, named for what they are) under
src/test/resources/org/ntplab/fuzz/*Inputs/; crash inputs kept as regressions are left alone.
Needs xxd, hexdump and tcpdump to make the hex-text seeds the way those tools print them.
"""
import csv
import glob
import json
import os
import re
import struct
import subprocess

ROOT = "src/test/resources/org/ntplab/fuzz"
CAPTURES = "src/test/resources/captures"


def inputs(test, method):
    d = os.path.join(ROOT, f"{test}Inputs", method)
    os.makedirs(d, exist_ok=True)
    for f in glob.glob(os.path.join(d, "seed-*")):
        os.remove(f)
    return d


def name(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def write(d, file, data):
    with open(os.path.join(d, file), "wb") as out:
        out.write(data)


def datagrams():
    """(name, bytes) for one datagram of each shape (version, mode, length) in the captures and fixtures."""
    seen, out = set(), []
    rows = []
    for tsv in sorted(glob.glob(f"{CAPTURES}/*/packets.tsv")):
        folder = os.path.basename(os.path.dirname(tsv))
        with open(tsv, newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row.get("payload_hex"):
                    rows.append((f"{folder}-{row['source_file']}-{row['frame_no']}", bytes.fromhex(row["payload_hex"])))
    for fx in sorted(glob.glob("fixtures/**/*.json", recursive=True)):
        with open(fx) as f:
            fixture = json.load(f)
        for field in ("request", "reply"):
            hex_text = fixture.get(field)
            if hex_text and re.fullmatch(r"[0-9a-fA-F\s]+", hex_text) and len(re.sub(r"\s", "", hex_text)) % 2 == 0:
                rows.append((f"fixture-{fixture['id']}-{field}", bytes.fromhex(re.sub(r"\s", "", hex_text))))
    for label, data in rows:
        shape = (data[0] & 0x3F if data else -1, len(data))
        if shape in seen:
            continue
        seen.add(shape)
        v, m = (data[0] >> 3 & 7, data[0] & 7) if data else (0, 0)
        out.append((f"seed-{name(label)}-v{v}-mode{m}-{len(data)}b", data))
    return out


def captures():
    """(name, bytes): every capture file, the large ones cut to their first 4 KiB."""
    out = []
    files = sorted(glob.glob(f"{CAPTURES}/*/*.pcap*") + glob.glob("src/test/resources/captures-converted/*.pcap*"))
    for path in files:
        data = open(path, "rb").read()
        label = name(os.path.relpath(path, "src/test/resources"))
        if len(data) > 8192:
            out.append((f"seed-{label}-first4k", data[:4096]))
        else:
            out.append((f"seed-{label}", data))
    return out


def length_fields():
    """Captures whose length fields claim far more than the file holds: must fail, not allocate it."""
    pcap_header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    shb = lambda length: struct.pack("<IIIHHq", 0x0A0D0D0A, length, 0x1A2B3C4D, 1, 0, -1)
    idb = struct.pack("<IIHHII", 1, 20, 1, 0, 65535, 20)
    return [
        ("pcap-record-length-2gib", pcap_header + struct.pack("<IIII", 0, 0, 0x80000000, 0x80000000) + b"\0" * 16),
        ("pcap-snaplen-4gib-record-length-1gib",
         struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 0xFFFFFFFF, 1) + struct.pack("<IIII", 0, 0, 0x40000000, 0x40000000)),
        ("pcapng-section-length-2gib", shb(0x80000000) + struct.pack("<I", 0x80000000)),
        ("pcapng-block-length-4gib", shb(28) + struct.pack("<I", 28) + struct.pack("<II", 6, 0xFFFFFFFC) + b"\0" * 24),
        ("pcapng-captured-length-2gib", shb(28) + struct.pack("<I", 28) + idb
         + struct.pack("<IIIIIII", 6, 32, 0, 0, 0, 0x80000000, 0x80000000) + struct.pack("<I", 32)),
    ]


def hex_texts():
    """(name, text) of one request in every format HexText reads, printed by the real tools where there is one."""
    pcap = f"{CAPTURES}/zeek/Traces-ntp.pcap"
    packet = bytes.fromhex("e3000800000000000000000000000000000000000000000000000000000000000000000000000000dbaca3e877c408ac")
    run = lambda *cmd, data=None: subprocess.run(cmd, input=data, capture_output=True, check=True).stdout
    out = [
        ("plain-words", " ".join(packet[i:i + 4].hex() for i in range(0, len(packet), 4)).encode()),
        ("wireshark-hex-stream", packet.hex().encode()),
        ("xxd", run("xxd", data=packet)),
        ("xxd-p", run("xxd", "-p", data=packet)),
        ("xxd-i", run("xxd", "-i", "-n", "ntp", data=packet)),
        ("xxd-g4-c8", run("xxd", "-g4", "-c8", data=packet)),
        ("hexdump-c", run("hexdump", "-C", data=packet)),
        ("hexdump-c-repeat", run("hexdump", "-C", data=bytes(64) + packet)),
        ("c-array", ("{ " + ", ".join(f"0x{b:02x}" for b in packet) + " };\n").encode()),
        ("java-array", ("new byte[] {" + ", ".join(f"(byte) 0x{b:02x}" for b in packet) + "}\n").encode()),
        ("escaped-string", ("\"" + "".join(f"\\x{b:02x}" for b in packet) + "\"\n").encode()),
        ("commented", b"# a client request\n// NTPv4\n" + packet.hex().encode() + b"\n"),
        ("tcpdump-x", run("tcpdump", "-n", "-x", "-c", "2", "-r", pcap)),
        ("tcpdump-xx", run("tcpdump", "-n", "-xx", "-c", "1", "-r", pcap)),
        ("tcpdump-X-v", run("tcpdump", "-n", "-v", "-X", "-c", "1", "-r", pcap)),
        ("tcpdump-XX-tttt", run("tcpdump", "-n", "-tttt", "-XX", "-c", "1", "-r", pcap)),
        ("tshark-x", run("tshark", "-x", "-c", "1", "-r", pcap)),
    ]
    for path in sorted(glob.glob("src/test/resources/captures-text/*.txt")):
        out.append((name(os.path.basename(path)), open(path, "rb").read()))
    return [(f"seed-{label}", text) for label, text in out]


def fixtures():
    """(name, bytes) of one fixture file per set of tags, and every edge case."""
    seen, out = set(), []
    for fx in sorted(glob.glob("fixtures/**/*.json", recursive=True)):
        data = open(fx, "rb").read()
        tags = tuple(sorted(json.loads(data).get("tags", [])))
        if "/edge/" in fx or tags not in seen:
            seen.add(tags)
            out.append((f"seed-{name(os.path.basename(fx)[:-5])}", data))
    return out


def main():
    packets = datagrams()
    for test, method in (("NtpCodecFuzzTest", "decode"), ("ResponderFuzzTest", "respond")):
        d = inputs(test, method)
        for label, data in packets:
            write(d, label, data)
    texts = hex_texts()
    d = inputs("HexTextFuzzTest", "parse")
    for label, data in texts:
        write(d, label, data)
    for test, method, extra in (("CaptureReaderFuzzTest", "scan", []), ("ImporterFuzzTest", "importFile", texts)):
        d = inputs(test, method)
        for label, data in captures() + length_fields() + extra:
            write(d, label, data)
    d = inputs("FixtureLoaderFuzzTest", "load")
    for label, data in fixtures():
        write(d, label, data)
    for path in sorted(glob.glob(f"{ROOT}/*Inputs/*")):
        print(f"{len(os.listdir(path)):4d} {path}")


if __name__ == "__main__":
    main()
