/*
 * cld2_lines.cc
 *	  The same driver as langid_lines.c over Debian's libcld2 (Apache-2.0), behind a small
 *	  extern "C" shim, for the engine comparison in tools/langid_compare.sh.  Not part of
 *	  the extension.
 *
 *	  cld2_lines < LINES             "gold<TAB>text" -> "gold<TAB>detected<TAB>reliable<TAB>chars"
 *	  cld2_lines --bench N < LINES   texts per second
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <cld2/public/compact_lang_det.h>

extern "C" {
/* ISO 639-1 code of the language of UTF-8 text (or "und"); *reliable = CLD2's flag */
const char *
cld2_detect(const char *s, int len, int *reliable)
{
	bool		rel = false;
	CLD2::Language lang = CLD2::DetectLanguage(s, len, true, &rel);

	*reliable = rel;
	if (lang == CLD2::UNKNOWN_LANGUAGE)
		return "und";
	return CLD2::LanguageCode(lang);
}
}

int
main(int argc, char **argv)
{
	int			reps = (argc > 2 && strcmp(argv[1], "--bench") == 0) ? atoi(argv[2]) : 0;
	std::vector<std::pair<std::string, std::string>> lines;
	char	   *buf = NULL;
	size_t		cap = 0;
	ssize_t		got;

	while ((got = getline(&buf, &cap, stdin)) > 0)
	{
		char	   *tab;

		if (buf[got - 1] == '\n')
			buf[--got] = '\0';
		if (buf[0] == '#' || (tab = strchr(buf, '\t')) == NULL)
			continue;
		*tab = '\0';
		lines.emplace_back(buf, tab + 1);
	}
	if (reps > 0)
	{
		struct timespec t0, t1;
		long		sink = 0;
		int			rel;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int r = 0; r < reps; r++)
			for (auto &l : lines)
				sink += cld2_detect(l.second.data(), (int) l.second.size(), &rel)[0];
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double		secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

		printf("%.0f texts/s (%zu texts x %d, %.3f s, checksum %ld)\n",
			   lines.size() * (double) reps / secs, lines.size(), reps, secs, sink);
		return 0;
	}
	for (auto &l : lines)
	{
		int			rel;
		size_t		chars = 0;
		const char *code = cld2_detect(l.second.data(), (int) l.second.size(), &rel);

		for (unsigned char c : l.second)
			chars += (c & 0xC0) != 0x80;
		printf("%s\t%s\t%d\t%zu\n", l.first.c_str(), code, rel, chars);
	}
	return 0;
}
