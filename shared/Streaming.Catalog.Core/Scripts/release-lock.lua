-- KEYS: the lock key. ARGV: 1 the holder's token.
-- Deletes the lock only while this holder still owns it (it may have expired and been taken by another writer).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
