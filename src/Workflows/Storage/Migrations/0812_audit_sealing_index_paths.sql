-- 0811 was not enough where audit_log's statistics lag behind it (a young or fast-growing log between two ANALYZEs):
-- with no histogram for xid, the planner still took "xid >= horizon" for a third of the log and read all of it (in
-- parallel), and all the seals into a hash, on every call: 35–80 ms for 1,000 waiting records out of 190,000 on a copy
-- without statistics, and 21 ms a call in the approval benchmark. The waiting records are always few and the indexes
-- (audit_log (xid, seq), audit_seals (seq)) find them, so both functions walk those indexes and probe per record
-- whatever the estimate: 1.3 ms (audit_unsealed) and 10 ms (audit_seal) for the same 1,000. jit = off because a
-- disabled plan type is costed, not forbidden: the inflated cost would otherwise switch on LLVM compilation (45 ms for
-- one row of audit_sealing).
ALTER FUNCTION audit_unsealed() SET enable_seqscan = off;
ALTER FUNCTION audit_unsealed() SET enable_bitmapscan = off;
ALTER FUNCTION audit_unsealed() SET enable_hashjoin = off;
ALTER FUNCTION audit_unsealed() SET enable_mergejoin = off;
ALTER FUNCTION audit_unsealed() SET max_parallel_workers_per_gather = 0;
ALTER FUNCTION audit_unsealed() SET jit = off;

ALTER FUNCTION audit_seal(int) SET enable_seqscan = off;
ALTER FUNCTION audit_seal(int) SET enable_bitmapscan = off;
ALTER FUNCTION audit_seal(int) SET enable_hashjoin = off;
ALTER FUNCTION audit_seal(int) SET enable_mergejoin = off;
ALTER FUNCTION audit_seal(int) SET max_parallel_workers_per_gather = 0;
ALTER FUNCTION audit_seal(int) SET jit = off;
