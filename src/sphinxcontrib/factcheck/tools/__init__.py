"""Commands for a project that uses the fact check (``[project.scripts]``).

- ``factcheck-add-source`` (:mod:`.add_source`): archive a text, record its
  SHA-256 and write its bibliography entry, or do nothing;
- ``factcheck-diff-claims`` (:mod:`.diff_claims`): the figures and quotations
  added, removed or changed since a git revision, in Markdown;
- ``factcheck-mutate`` (:mod:`.mutation`): the mutation test, proving that
  the check catches every mistake an author could make in a project's claims
  (:mod:`.claims` loads them).
"""
