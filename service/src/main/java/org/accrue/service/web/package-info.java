/**
 * The registry officer's web page: sign-in with sessions, checking a learner's eligibility, the result in words;
 * server-rendered with jte and GOV.UK Frontend, no script.
 */
package org.accrue.service.web;
