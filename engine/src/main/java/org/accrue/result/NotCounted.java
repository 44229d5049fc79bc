package org.accrue.result;

/** A credential that did not count toward an award, and why, in words. */
public record NotCounted(String credential, String reason) {
}
