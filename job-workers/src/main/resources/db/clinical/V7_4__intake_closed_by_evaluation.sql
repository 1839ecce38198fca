-- An intake is replaced by each new submission only until eligibility is evaluated on it: the evaluation's
-- read stamps evaluated_at (in the read's transaction), and from then on a new submission is refused, so the
-- intake on file is always the one the eligibility outcome was judged on.
ALTER TABLE intake ADD COLUMN evaluated_at timestamptz;
