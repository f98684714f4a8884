#!/bin/sh
# Rebuilds the files in this folder from ../captures with Wireshark's editcap/mergecap and tcpdump,
# then writes packets.tsv from tshark's dissection (same columns as ../captures/*/packets.tsv).
# Needs: tshark, editcap, mergecap (Debian package tshark), tcpdump, python3; root (or CAP_NET_RAW)
# for the two loopback captures. Run from this folder: sh make.sh
set -eu
C=../captures

# 1. Format conversions of vendored captures (lossless: same packets, same times).
editcap -F pcapng   $C/tcpdump/ntp.pcap          tcpdump-ntp.pcapng        # microsecond pcap -> pcapng, default if_tsresol (10^-6)
editcap -F nsecpcap $C/LeapSecond/ntp.pcap       LeapSecond-ntp.nsec.pcap  # Linux SLL, nanosecond magic a1b23c4d
editcap -F nsecpcap $C/tcpdump/ntp-time-ef.pcap  /tmp/ntp-time-ef.nsec.pcap
editcap -F pcapng   /tmp/ntp-time-ef.nsec.pcap   /tmp/ntp-time-ef.nsec.pcapng    # if_tsresol 9
cat tcpdump-ntp.pcapng /tmp/ntp-time-ef.nsec.pcapng > two-sections.pcapng      # pcapng allows concatenated sections
mergecap -F pcapng -w sll-and-ethernet.pcapng $C/LeapSecond/ntp.pcap $C/tcpdump/ntp-control.pcap  # one IDB per link type

# 2. Loopback captures: real NTP payloads from the vendored captures, sent to 127.0.0.1:123 and [::1]:123 where
#    nothing listens, so the kernel answers with ICMP/ICMPv6 port unreachable errors that quote them.
send() {
  python3 - <<'PY'
import socket, time
client = bytes.fromhex('e3000800000000000000000000000000000000000000000000000000000000000000000000000000dbaca3e877c408ac')  # zeek/Traces-ntp.pcap frame 1
control = bytes.fromhex('160200440000000000000000')  # tcpdump/ntp-control.pcap frame 1 (mode 6 READVAR)
for family, host in ((socket.AF_INET, '127.0.0.1'), (socket.AF_INET6, '::1')):
    s = socket.socket(family, socket.SOCK_DGRAM)
    for payload in (client, control):
        s.sendto(payload, (host, 123)); time.sleep(0.05)
PY
}
FILTER='udp port 123 or icmp or icmp6'
# Linux "any" device: link type LINUX_SLL2 (276), nanosecond timestamps.
tcpdump -q -i any --time-stamp-precision=nano -w loopback-any.sll2.nsec.pcap -c 8 "$FILTER" & P=$!; sleep 1; send; sleep 1; kill $P 2>/dev/null || true; wait $P || true
# lo with a 80-byte snap length: 48-byte NTP payloads are cut (skipped by the reader), 12-byte mode 6 ones are whole.
tcpdump -q -i lo -s 80 -w loopback-lo.snap80.pcap -c 8 "$FILTER" & P=$!; sleep 1; send; sleep 1; kill $P 2>/dev/null || true; wait $P || true

# 3. packets.tsv: every frame tshark matches with udp.port==123; innermost (last) addresses and ports.
printf 'source_file\tframe_no\ttime_epoch\tsrc\tdst\tsport\tdport\tpayload_hex\tnote\ttshark_info\n' > packets.tsv
for f in *.pcap *.pcapng; do
  tshark -r "$f" -Y 'udp.port==123' -E occurrence=l -E separator=/t -T fields \
    -e frame.number -e frame.time_epoch -e ip.src -e ipv6.src -e ip.dst -e ipv6.dst -e udp.srcport -e udp.dstport \
    -e udp.payload -e icmp.type -e icmpv6.type -e frame.cap_len -e frame.len -e _ws.col.Info 2>/dev/null |
  awk -F'\t' -v OFS='\t' -v file="$f" '{
    src = ($3 != "" ? $3 : $4); dst = ($5 != "" ? $5 : $6); note = "";
    if ($10 != "" || $11 != "") note = "[ICMP error frame; src/dst/ports are the QUOTED datagram'"'"'s]";
    else if ($12 + 0 < $13 + 0) note = "[TRUNCATED: frame cut by the snap length (" $12 " of " $13 " bytes); payload_hex is partial]";
    print file, $1, $2, src, dst, $7, $8, $9, note, $14 }' >> packets.tsv
done
