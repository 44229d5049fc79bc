/**
 * The allocation search: which credit counts toward which requirement of an award. Exact: it finds an
 * allocation meeting every requirement and cap whenever one exists, whatever the order of the credentials.
 */
package org.accrue.allocation;
