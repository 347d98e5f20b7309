-- KEYS: state, seen, history. ARGV: the state fields to read (StateFields.ForUpdate, then the partition's offset field).
-- Returns {HMGET of the fields, ZRANGE seen 0 -1 WITHSCORES, GET history}: the whole seen set, so the worker can keep
-- the user's state in process and answer later batches' de-duplication without reading again.
-- Keys of one hash slot only (Redis Cluster): the caller passes them all in KEYS.
return {redis.call('HMGET', KEYS[1], unpack(ARGV)), redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES'), redis.call('GET', KEYS[3])}
