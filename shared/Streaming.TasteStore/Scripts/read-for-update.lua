-- KEYS: state, seen, history. ARGV: 1 number of fields F, 2..F+1 state fields to read (StateFields.ForUpdate, then the
-- partition's offset field), then seen members.
-- Returns {HMGET of the fields, 1/0 per member already applied, GET history}.
-- Keys of one hash slot only (Redis Cluster): the caller passes them all in KEYS.
local nf = tonumber(ARGV[1])
local s = redis.call('HMGET', KEYS[1], unpack(ARGV, 2, nf + 1))
local seen = {}
local n = #ARGV
local i = nf + 2
while i <= n do
  local j = math.min(i + 999, n)
  local part = redis.call('ZMSCORE', KEYS[2], unpack(ARGV, i, j))
  for x = 1, j - i + 1 do
    if part[x] then seen[#seen + 1] = 1 else seen[#seen + 1] = 0 end
  end
  i = j + 1
end
return {s, seen, redis.call('GET', KEYS[3])}
