-- KEYS: one aggregate sorted set. ARGV: 1 capacity, 2 ttl ms (0 = none), then (increment, member) pairs.
-- Adds the increments and keeps the top capacity members.
-- Keys of one hash slot only (Redis Cluster): the caller passes them all in KEYS.
for i = 3, #ARGV, 2 do redis.call('ZINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
local cap = tonumber(ARGV[1])
if redis.call('ZCARD', KEYS[1]) > cap then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -cap - 1) end
if ARGV[2] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
