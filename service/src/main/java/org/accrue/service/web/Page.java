package org.accrue.service.web;

/**
 * What every page needs: who is signed in (null on the sign-in page) with their role, and the session's CSRF
 * token for its forms.
 */
public record Page(String signedIn, String role, String csrf) {
}
