/*
 * lexicon.c
 *	  Probing the compiled-in tables of lexicon_data.c (pure C).
 */
#include <stdbool.h>
#include <string.h>

#include "lexicon.h"

const LexEntry *
LexiconLookupHashed(const LexTable *table, const char *key, size_t len, uint32_t hash)
{
	return LexiconProbe(table, key, len, hash);
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
			if (e->keylen == len && LexiconKeysEqual(table->strings + e->key, key, len))
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
