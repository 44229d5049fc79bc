/** Internal: finding rule files, identifying a rule set by content hash, and compiling it into a KieBase. */
package org.accrue.ruleset;
