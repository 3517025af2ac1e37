"""The vocabulary of the package, once: tokens, sentences, numbers, dates, names and the
shape of a question.  Every stage reads text through these modules, never its own copy.

* :mod:`.tokens`: word tokens, the light stem, stop words, whole-word matching;
* :mod:`.sentences`: sentence spans with offsets;
* :mod:`.numbers`: digits and number words, their values, vague quantities;
* :mod:`.dates`: month and weekday names, the year pattern, dates stated in text;
* :mod:`.names`: capitalised words and name phrases in any script, spelling variants (:func:`.names.fold`);
* :mod:`.question`: what a question asks for (its answer type, names, years, months);
* :mod:`.answer_type`: the question read from its spaCy parse: expected answer type, head noun,
  focus words, identifiers (``Query.reading``).
"""
