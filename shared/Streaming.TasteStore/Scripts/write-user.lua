-- KEYS: state, recent, skips, seen, plays, history.
-- ARGV: 1 expected seq, 2 user ttl ms, 3 plays ttl ms, 4 recent capacity, 5 seen capacity,
-- 6 seen min score, 7 flags (1 = erase first, 2 = reset session skips), 8 #hset pairs, 9 #hdel fields,
-- 10 #recent pushes, 11 #skips, 12 #seen pairs, 13 #plays pairs, 14 history blob ('' = unchanged),
-- then the lists in that order.
-- Returns 1 when applied, 0 when the sequence moved (another writer won: re-read and recompute).
-- Keys of one hash slot only (Redis Cluster): the caller passes them all in KEYS.
local seq = redis.call('HGET', KEYS[1], 'seq') or '0' -- StateFields.Sequence
if seq ~= ARGV[1] then return 0 end
local flags = tonumber(ARGV[7])
if flags % 2 == 1 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]) end
if flags % 4 >= 2 then redis.call('DEL', KEYS[3]) end
local nh, nd, np, nk, ns, nc = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12]), tonumber(ARGV[13])
if ARGV[14] ~= '' then redis.call('SET', KEYS[6], ARGV[14], 'PX', ARGV[2]) end
local i = 15
local function chunked(cmd, key, from, count)
  local last = from + count - 1
  local a = from
  while a <= last do
    local b = math.min(a + 999, last)
    redis.call(cmd, key, unpack(ARGV, a, b))
    a = b + 1
  end
end
-- TTLs: the state hash on every write, every other key when this write changes it (history by SET PX above). So each
-- key lives one TTL past its own last change: recent and skips may go before the state of a user who stops playing.
if nh > 0 then chunked('HSET', KEYS[1], i, 2 * nh); i = i + 2 * nh end
if nd > 0 then chunked('HDEL', KEYS[1], i, nd); i = i + nd end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if np > 0 then
  chunked('LPUSH', KEYS[2], i, np); i = i + np
  redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
if nk > 0 then
  chunked('SADD', KEYS[3], i, nk); i = i + nk
  redis.call('PEXPIRE', KEYS[3], ARGV[2])
end
if ns > 0 then
  chunked('ZADD', KEYS[4], i, 2 * ns); i = i + 2 * ns
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[6])
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -tonumber(ARGV[5]) - 1)
  redis.call('PEXPIRE', KEYS[4], ARGV[2])
end
if nc > 0 then
  for x = 1, nc do
    redis.call('HINCRBY', KEYS[5], ARGV[i], ARGV[i + 1]); i = i + 2
  end
  redis.call('PEXPIRE', KEYS[5], ARGV[3])
end
return 1
