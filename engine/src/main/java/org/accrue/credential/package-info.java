/**
 * The shape of verifiable credentials shared by reading and trust. Internal: not exported by the engine's module.
 */
package org.accrue.credential;
