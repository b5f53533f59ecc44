package store

import (
	"bytes"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// Schema 2 keeps each map's measurements apart from the map, in
// measurements/<map id>/<yyyy-mm-dd>/<measurement id>: a map's history grows by
// one measurement every few weeks, for years, and keeping it out of the map
// document keeps every edit of a stage from rewriting it. Keys sort by date,
// so reading a bucket in key order gives the measurements in date order.
var bucketMeasurements = []byte("measurements")

// migrateMeasurements is the step from schema 1 to 2: it moves every map's
// measurements out of its document into the measurements bucket.
func migrateMeasurements(tx *bbolt.Tx) error {
	if _, err := tx.CreateBucket(bucketMeasurements); err != nil {
		return fmt.Errorf("creating bucket %s: %w", bucketMeasurements, err)
	}
	maps := tx.Bucket(bucketMaps)
	type moved struct {
		id string
		m  *vsm.Map
	}
	var todo []moved
	err := maps.ForEach(func(k, v []byte) error {
		m, err := vsm.DecodeMapFile(v)
		if err != nil {
			// A map that no longer validates stays as it is; Get reports it.
			return nil
		}
		if len(m.Measurements) > 0 {
			todo = append(todo, moved{string(k), m})
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Written after the walk: bbolt forbids changing a bucket inside ForEach.
	for _, t := range todo {
		if err := putMap(tx, t.id, t.m); err != nil {
			return err
		}
	}
	return nil
}

func measurementKey(x vsm.Measurement) []byte {
	return []byte(x.Date.Format(vsm.DateLayout) + "/" + x.ID)
}

// errStop ends a ForEach walk early.
var errStop = errors.New("stop")

// putMeasurements makes measurements/<id> hold exactly ms, writing only the
// measurements that changed. It returns false when the store predates
// schema 2, so the measurements stay in the map document.
func putMeasurements(tx *bbolt.Tx, id string, ms []vsm.Measurement) (bool, error) {
	top := tx.Bucket(bucketMeasurements)
	if top == nil {
		return false, nil
	}
	if len(ms) == 0 {
		if top.Bucket([]byte(id)) != nil {
			return true, top.DeleteBucket([]byte(id))
		}
		return true, nil
	}
	b, err := top.CreateBucketIfNotExists([]byte(id))
	if err != nil {
		return true, err
	}
	want := make(map[string][]byte, len(ms))
	for _, x := range ms {
		data, err := vsm.EncodeMeasurement(x)
		if err != nil {
			return true, err
		}
		want[string(measurementKey(x))] = data
	}
	var stale [][]byte
	if err := b.ForEach(func(k, v []byte) error {
		if w, ok := want[string(k)]; !ok {
			stale = append(stale, bytes.Clone(k))
		} else if bytes.Equal(w, v) {
			delete(want, string(k))
		}
		return nil
	}); err != nil {
		return true, err
	}
	for _, k := range stale {
		if err := b.Delete(k); err != nil {
			return true, err
		}
	}
	for k, v := range want {
		if err := b.Put([]byte(k), v); err != nil {
			return true, fmt.Errorf("storing measurement %s: %w", k, err)
		}
	}
	return true, nil
}

// getMeasurements reads measurements/<id> in date order; nil when there are none.
func getMeasurements(tx *bbolt.Tx, id string) ([]vsm.Measurement, error) {
	top := tx.Bucket(bucketMeasurements)
	if top == nil {
		return nil, nil
	}
	b := top.Bucket([]byte(id))
	if b == nil {
		return nil, nil
	}
	var out []vsm.Measurement
	err := b.ForEach(func(k, v []byte) error {
		x, err := vsm.DecodeMeasurement(v)
		if err != nil {
			return fmt.Errorf("measurement %s: %w", k, err)
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// deleteMeasurements removes a deleted map's measurements.
func deleteMeasurements(tx *bbolt.Tx, id string) error {
	top := tx.Bucket(bucketMeasurements)
	if top == nil || top.Bucket([]byte(id)) == nil {
		return nil
	}
	return top.DeleteBucket([]byte(id))
}

// checkMeasurements decodes every measurement and checks that each belongs to
// a map; "" when all is well. A store without the bucket predates schema 2 and
// keeps measurements in its map documents, which checkMaps reads.
func checkMeasurements(tx *bbolt.Tx) string {
	top := tx.Bucket(bucketMeasurements)
	if top == nil {
		return ""
	}
	maps := tx.Bucket(bucketMaps)
	problem := ""
	_ = top.ForEach(func(id, v []byte) error {
		b := top.Bucket(id)
		if v != nil || b == nil {
			problem = fmt.Sprintf("measurements entry %q is not a bucket", id)
			return errStop
		}
		if maps.Get(id) == nil {
			problem = fmt.Sprintf("measurements of map %q, which does not exist", id)
			return errStop
		}
		return b.ForEach(func(k, v []byte) error {
			// As with maps, a value that breaks a (newer, stricter) rule is
			// not damage: Get reports it for that one map.
			if _, err := vsm.DecodeMeasurement(v); err != nil && !errors.Is(err, vsm.ErrInvalid) {
				problem = fmt.Sprintf("measurement %s of map %s cannot be read: %v", k, id, err)
				return errStop
			}
			return nil
		})
	})
	return problem
}
