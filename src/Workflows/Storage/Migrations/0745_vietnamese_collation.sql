-- Issue 17, the reporting matrix paged by PostgreSQL: schools are ordered by their names in Vietnamese alphabetical order
-- (a, ă, â, b, c, d, đ, e, ê…), as the pages compare them in C# with the vi-VN culture; ICU's Vietnamese collation does
-- it in SQL whatever locale the cluster was created with.
CREATE COLLATION IF NOT EXISTS vietnamese (provider = icu, locale = 'vi-VN');
