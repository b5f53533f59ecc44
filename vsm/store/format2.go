package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// migrateFormat2 is the step from schema 2 to 3: every map document is
// rewritten in map-file format flowmap/2 (the flow model: rework edges,
// parallel branches, per-stage distributions), so that a store holds one
// format. A document that reads is written back as EncodeMapFile writes it,
// exactly what Save would write; one that no longer validates (Get reports
// it) keeps every key and value and only has its "format" changed, since
// flowmap/2 is flowmap/1 with keys added. Measurements, in their own bucket
// since schema 2, carry no format and need nothing. info/<id> does not
// change: names and stage counts stay the same.
func migrateFormat2(tx *bbolt.Tx) error {
	maps := tx.Bucket(bucketMaps)
	type rewrite struct{ id, doc []byte }
	var todo []rewrite
	err := maps.ForEach(func(k, v []byte) error {
		doc, err := format2(v)
		if err != nil {
			return fmt.Errorf("map %s: %w", k, err)
		}
		if doc != nil {
			todo = append(todo, rewrite{append([]byte(nil), k...), doc})
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Written after the walk: bbolt forbids changing a bucket inside ForEach.
	for _, r := range todo {
		if err := maps.Put(r.id, r.doc); err != nil {
			return fmt.Errorf("rewriting map %s: %w", r.id, err)
		}
	}
	return nil
}

// format2 is doc in format flowmap/2, or nil when it already is.
func format2(doc []byte) ([]byte, error) {
	var probe struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(doc, &probe); err != nil {
		return nil, err
	}
	if probe.Format == vsm.MapFileFormat {
		return nil, nil
	}
	m, err := vsm.DecodeMapFile(doc)
	switch {
	case err == nil:
		return vsm.EncodeMapFile(m)
	case !errors.Is(err, vsm.ErrInvalid):
		return nil, err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(doc, &keys); err != nil {
		return nil, err
	}
	keys["format"], _ = json.Marshal(vsm.MapFileFormat)
	return json.MarshalIndent(keys, "", "  ")
}
