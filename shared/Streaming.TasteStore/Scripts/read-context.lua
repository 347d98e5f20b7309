-- KEYS: state, recent, skips, history. ARGV: 1 recent count, then the state fields to read (StateFields.Context).
-- Returns {HMGET of the fields, LRANGE recent, SMEMBERS skips, GET history}.
-- Keys of one hash slot only (Redis Cluster): the caller passes them all in KEYS.
local s = redis.call('HMGET', KEYS[1], unpack(ARGV, 2))
local r = redis.call('LRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1)
local k = redis.call('SMEMBERS', KEYS[3])
local h = redis.call('GET', KEYS[4])
return {s, r, k, h}
