/** Who may use the service: users with passwords, tokens for systems, their roles, and slowing down guessing. */
package org.accrue.service.accounts;
