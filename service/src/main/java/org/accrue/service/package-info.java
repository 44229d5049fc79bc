/**
 * Accrue as a service a registry runs: the {@link org.accrue.service.Registry} (evaluate and record, replay,
 * four-eyes staff exceptions), {@link org.accrue.service.RuleSets} by date in force, and the service's
 * configuration. Built on the engine as a library.
 */
package org.accrue.service;
