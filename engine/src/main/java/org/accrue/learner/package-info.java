/**
 * The learner record: a learner and the credentials they hold, as stated by the issuers.
 * Nothing here is normalised; the framework rules do that.
 */
package org.accrue.learner;
