-- KEYS: user blob, plays, then on erasure the legacy keys of the user (TasteKeys.LegacyOfUser).
-- ARGV: 1 expected sequence (its 8 stored bytes, '' for a user never written, '*' to replace an unreadable blob),
-- 2 the new blob ('' = leave it), 3 user ttl ms, 4 plays ttl ms, 5 erase first ('1'), then plays field/increment pairs.
-- Returns 1 when applied, 0 when the sequence moved (another writer won: re-read and recompute).
-- Keys of one hash slot only (Redis Cluster): the caller passes them all in KEYS.
if ARGV[1] ~= '*' and redis.call('GETRANGE', KEYS[1], 1, 8) ~= ARGV[1] then return 0 end -- UserBlob.SequenceOffset
if ARGV[5] == '1' then redis.call('DEL', unpack(KEYS)) end
if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
if #ARGV > 5 then
  for i = 6, #ARGV, 2 do redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1]) end
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return 1
