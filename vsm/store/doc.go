// Package store keeps Flowmap's value stream maps in one bbolt file per user,
// so that a save acknowledged to the user survives a crash, a killed process or
// a power cut, and a damaged file is reported instead of crashing the app.
//
// # Bucket layout (schema 1)
//
//	meta/schema   decimal schema version ("1"); marks the file as a Flowmap store
//	meta/current  ID of the map last opened in the app (absent when none)
//	maps/<id>     the map as a .flowmap.json document (vsm.EncodeMapFile): the
//	              portable format, so a store's content is readable with any
//	              bbolt tool and exports are byte-for-byte what the store holds
//	info/<id>     {"name","stages","created","updated"}: what List shows,
//	              so listing 100s of maps decodes a few bytes each, not every map
//
// IDs are 16 hex characters from crypto/rand. Names are unique ignoring case
// and surrounding spaces (strings.EqualFold after strings.TrimSpace); with 100s
// of maps a scan of info finds a name fast enough, so there is no name index
// that could disagree with it.
//
// # Schema versions and migrations
//
// A new store is written at schema 1 and then taken through every step of the
// migrations table, exactly like an old store being upgraded, so old and new
// stores cannot differ. Schema 2 moved measurements into a bucket of their own
// (measurements.go); schema 3 rewrote every map document in map-file format
// flowmap/2 (format2.go). Each step runs in the transaction that records its new
// version: a store is always wholly at one version. A store whose version is
// newer than this code knows is refused without being written to. Before an
// existing store is migrated, a backup is taken.
//
// # Crash safety
//
//   - Every exported method is one bbolt transaction: maps/<id>, info/<id> and
//     meta are changed together or not at all. bbolt is copy-on-write: a commit
//     writes the new pages, fdatasyncs, then writes one of its two meta pages
//     and fdatasyncs again. A commit that returned has reached the disk; a crash
//     at any moment leaves the previous meta page valid, so the file opens at
//     the last acknowledged commit. The kill test in this package shows it.
//   - A new store is built in a temporary file beside the target, synced, and
//     then hard-linked to its name (falling back to a rename where links are
//     not supported): the store's path never names a half-initialized file, and
//     a 0-byte or empty bbolt file is never ours, so both are reported damaged.
//     Open deletes temporary stores that a killed first start left behind.
//   - Open checks a file read-only before opening it for writing: it reads the
//     header pages itself (size, page bounds, free list), then opens it with
//     bbolt read-only, walks every bucket, decodes every map and runs bbolt's
//     consistency check. bbolt faults or panics on some damaged files; that
//     happens under debug.SetPanicOnFault with a recover in the same goroutine,
//     so the process survives. A damaged file is never written: the error
//     (DamagedError, wrapping ErrDamaged) names the file and the newest backup.
//   - Backups are a consistent snapshot (tx.WriteTo inside a read transaction)
//     written to a temporary file in the same folder, synced, renamed and the
//     folder synced, so a backup's name never points at a partial copy.
//     RestoreBackup keeps the replaced store under a new name before renaming
//     the restored copy over it, so the path always names a whole store and no
//     user data is deleted.
//
// Byte slices that bbolt returns are valid only inside their transaction, so
// every value is decoded inside the View or Update that read it.
package store
