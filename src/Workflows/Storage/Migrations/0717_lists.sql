-- Issue 17, lists that scale: the directory is searched, sorted and paged by PostgreSQL, and the plans list pages
-- through an index in creation order.

-- The comparable form of a directory entry's name and aliases, as RecipientText.Normalise makes it in C#: NFC, Vietnamese
-- letters without their marks (đ → d), lower case, the usual abbreviations folded to one token ("giáo dục và đào tạo",
-- "GD&ĐT" → gddt; "ủy ban nhân dân" → ubnd…), punctuation to spaces; the name and each alias separated by " | " so that
-- a search never matches across two of them.
CREATE FUNCTION directory_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN trim(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(lower(translate(normalize(coalesce(value, ''), NFC), 'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd')), '\s+', ' ', 'g'),
        '\ygiao duc (va|&) dao tao\y', ' gddt ', 'g'),
        '\ygd\s*(&|-|va)?\s*dt\y', ' gddt ', 'g'),
        '\yuy ban nhan dan\y', ' ubnd ', 'g'),
        '\ythanh pho\y', ' tp ', 'g'),
        '\ythong tin dien tu\y', ' ttdt ', 'g'),
        '\yhoi dong nhan dan\y', ' hdnd ', 'g'),
        '\ylanh dao\y', ' ld ', 'g'),
        '\ydong chi\y|\yd/c\y', ' dc ', 'g'),
    '[^a-z0-9 ]', ' ', 'g'), '\s+', ' ', 'g'));

CREATE FUNCTION directory_search_key(name text, aliases text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN directory_search_text(name) || coalesce((SELECT string_agg(' | ' || directory_search_text(a), '') FROM unnest(aliases) a), '');

ALTER TABLE directory_entries ADD COLUMN search_key text GENERATED ALWAYS AS (directory_search_key(name, aliases)) STORED;
CREATE INDEX directory_entries_kind_name ON directory_entries (kind, lower(name));

-- The plans list of a body, newest first, one page at a time.
CREATE INDEX plans_body_created ON plans (body_code, created_at DESC, id);
