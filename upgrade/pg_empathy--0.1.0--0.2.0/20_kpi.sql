-- ---------------------------------------------------------------------------
-- KPI 0.1.0 -> 0.2.0: the summaries carry their sufficient statistics (issue 13
-- rollups).  Attributes are appended, as in the 0.2.0 install script, so the
-- functions returning these types keep working; stored values read NULL in the
-- new fields.
-- ---------------------------------------------------------------------------

ALTER TYPE ces_summary ADD ATTRIBUTE sum_scores bigint, ADD ATTRIBUTE sum_squares bigint;
COMMENT ON TYPE ces_summary IS 'Customer effort score: mean, sample standard deviation and a t-based 95% interval for the mean; sum_scores and sum_squares make rollups exact';

ALTER TYPE sentiment_summary ADD ATTRIBUTE sum float8, ADD ATTRIBUTE sum_squares float8;
COMMENT ON TYPE sentiment_summary IS 'compound sentiment: mean, standard deviation, t-based 95% interval, and positive (>= 0.05) / neutral / negative (<= -0.05) counts and shares; sum and sum_squares make rollups exact';

ALTER TYPE empathy_index_result ADD ATTRIBUTE state float8[];
COMMENT ON TYPE empathy_index_result IS 'empathy index (0-100) with each 0-100 component, its n and the normalised weights applied: index = sum(component * weight); state makes rollups exact';
