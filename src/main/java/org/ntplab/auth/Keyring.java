package org.ntplab.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The symmetric keys one side knows, by key ID: what a keys file holds. Every key in it is trusted
 * (chronyd's rule; ntpd also wants a {@code trustedkey} line, which the lab does without).
 */
public record Keyring(Map<Long, SymmetricKey> keys) {

  public static final Keyring EMPTY = new Keyring(Map.of());

  public Keyring {
    for (Map.Entry<Long, SymmetricKey> entry : keys.entrySet()) {
      if (entry.getKey() != entry.getValue().keyId()) {
        throw new IllegalArgumentException(
            "key " + entry.getValue().keyId() + " filed under ID " + entry.getKey());
      }
    }
    keys = Map.copyOf(keys);
  }

  /**
   * @throws IllegalArgumentException when two keys share an ID
   */
  public static Keyring of(SymmetricKey... keys) {
    return of(List.of(keys));
  }

  /**
   * @throws IllegalArgumentException when two keys share an ID
   */
  public static Keyring of(Collection<SymmetricKey> keys) {
    Map<Long, SymmetricKey> byId = new LinkedHashMap<>();
    for (SymmetricKey key : keys) {
      if (byId.putIfAbsent(key.keyId(), key) != null) {
        throw new IllegalArgumentException("two keys with ID " + key.keyId());
      }
    }
    return new Keyring(byId);
  }

  public Optional<SymmetricKey> find(long keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  public int size() {
    return keys.size();
  }

  /** The key IDs in ascending order. */
  public List<Long> ids() {
    List<Long> ids = new ArrayList<>(keys.keySet());
    ids.sort(null);
    return ids;
  }

  /** {@code Keyring[2 keys: 1 MD5, 2 SHA1]}: IDs and algorithms, never a secret. */
  @Override
  public String toString() {
    List<String> each = new ArrayList<>();
    for (long id : ids()) {
      each.add(id + " " + keys.get(id).algorithm());
    }
    return "Keyring["
        + keys.size()
        + (keys.size() == 1 ? " key" : " keys")
        + (each.isEmpty() ? "" : ": ")
        + String.join(", ", each)
        + "]";
  }
}
