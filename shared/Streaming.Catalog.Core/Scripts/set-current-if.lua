-- KEYS: the current-version key. ARGV: 1 expected version, 2 new version.
-- Sets the new version while the expected one (or nothing, as before the first publish) is current.
-- Returns 1 when set, 0 when another version was published in between.
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0
