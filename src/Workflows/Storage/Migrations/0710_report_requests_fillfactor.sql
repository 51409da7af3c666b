-- Room on each page of report_requests for a second version of every row: the overdue notice sets overdue_at on every
-- open request of a period at once (100,000 in one statement), and overdue_at is in no index, so with room on the page
-- PostgreSQL updates each row in place (a HOT update) instead of writing a new row elsewhere and an entry in each of the
-- table's five indexes. Applies to pages written from now on (a period's requests are written when it opens).
ALTER TABLE report_requests SET (fillfactor = 50);
