/*
 * lexicon.c
 *	  Probing the compiled-in tables of lexicon_data.c (pure C).
 */
#include <stdbool.h>
#include <string.h>

#include "lexicon.h"

/*
 * Key comparison for the look-ups: keys are short (a word is 5 bytes on average), where a
 * byte loop beats a call to memcmp.
 */
static inline bool
keys_equal(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

const LexEntry *
LexiconLookupHashed(const LexTable *table, const char *key, size_t len, uint32_t hash)
{
	uint32_t	h = hash & table->mask;

	for (;;)
	{
		uint32_t	slot = table->slots[h];
		const LexEntry *e;

		if (slot == 0)
			return NULL;
		if (SLOT_TAG(slot) == HASH_TAG(hash))
		{
			e = &table->entries[SLOT_INDEX(slot)];
			if (e->len == len && keys_equal(table->strings + e->word, key, len))
				return e;
		}
		h = (h + 1) & table->mask;
	}
}

const LexEntry *
LexiconLookup(const LexTable *table, const char *key, size_t len)
{
	return LexiconLookupHashed(table, key, len, LexiconHash(key, len));
}

const EmojiEntry *
EmojiLookup(const EmojiTable *table, const char *key, size_t len)
{
	uint32_t	hash = LexiconHash(key, len);
	uint32_t	h = hash & table->mask;

	for (;;)
	{
		uint32_t	slot = table->slots[h];
		const EmojiEntry *e;

		if (slot == 0)
			return NULL;
		if (SLOT_TAG(slot) == HASH_TAG(hash))
		{
			e = &table->entries[SLOT_INDEX(slot)];
			if (e->keylen == len && keys_equal(table->strings + e->key, key, len))
				return e;
		}
		h = (h + 1) & table->mask;
	}
}

int
SentimentConfigCount(void)
{
	return NumSentimentConfigs + NumLanguageConfigs;
}

const SentimentConfig *
SentimentConfigAt(int i)
{
	return i < NumSentimentConfigs ? &SentimentConfigs[i] : &LanguageConfigs[i - NumSentimentConfigs];
}

const SentimentConfig *
SentimentConfigFind(const char *name)
{
	for (int i = 0; i < SentimentConfigCount(); i++)
		if (strcmp(SentimentConfigAt(i)->name, name) == 0)
			return SentimentConfigAt(i);
	return NULL;
}
