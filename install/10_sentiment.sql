
-- ---------------------------------------------------------------------------
-- sentiment scoring
-- ---------------------------------------------------------------------------

CREATE TYPE sentiment AS (
	neg      float8,
	neu      float8,
	pos      float8,
	compound float8
);
COMMENT ON TYPE sentiment IS 'sentiment scores of a text: neg, neu and pos proportions and the compound score in [-1, 1]';
