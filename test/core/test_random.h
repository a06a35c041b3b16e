/*
 * test_random.h
 *	  The test drivers' reproducible random numbers: xorshift64 on a state the driver seeds.
 */
#ifndef PGE_TEST_RANDOM_H
#define PGE_TEST_RANDOM_H

#include <stdint.h>

static inline uint32_t
test_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (uint32_t) (*state >> 32);
}

#endif							/* PGE_TEST_RANDOM_H */
