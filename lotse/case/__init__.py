"""The case layer (above documents, below check): "Mein Fall", a private case file the person keeps.

The incidents (model), each incident's Strafantrag deadline by the guide's own rule (deadlines), the
encrypted file the person saves and opens again (file, age with a passphrase), and what the file turns
into: the police timeline (PDF), a CSV for a counsellor and the filled letters (exports). It sits above
`lotse.documents`, whose deadlines, calendar, letters and PDF writer it uses, and below the check.
"""
