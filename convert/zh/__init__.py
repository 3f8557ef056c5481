"""What docconv knows about Chinese text, in one place below every stage.

Readers, cleaning, structure, repair and writers all ask the same questions of a piece of
text: is this a Chinese character, does this mark end a sentence, is this a numbering label,
is this a file extension, is this a greeting. The answers live here, so that a stage never
imports another stage for them and a fix to one character class reaches every stage.

- `chars`: character classes (Han ideographs, CJK punctuation, full-width forms).
- `labels`: numbering labels (一、 （一） 1. 1.1 第一章 第一条 ①…) and Chinese numerals.
- `marks`: punctuation marks in both widths (what ends a sentence, a clause, a line; where
  a line may not break), and a final "……" or "..." a site or an author put at the end of a
  text.
- `files`: document file-name extensions (.doc, .pdf, .ppt…) as sites show them.
- `names`: a row of people's names (a byline), from the surnames in words.toml.
- `words`: word lists kept as data (words.toml): greetings, closing words, standard
  headings, the words headings end in, surnames.
"""
