package org.accrue.vocabulary;

/**
 * Something a framework rule says about a credential for its result, in words: which reading of a text it took,
 * or what it could not check. Shown among the credential's notes; changes nothing. Any number per credential.
 */
public record Note(String credential, String text) {
}
