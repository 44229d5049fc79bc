/** Generated learner populations for load tests and benchmarks: plausible, reproducible from a seed. */
package org.accrue.population;
