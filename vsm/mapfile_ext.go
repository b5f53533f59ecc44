package vsm

// extension holds the parts of the map file that later features add (kaizen,
// measurements, learning log); it is embedded in mapFile so they slot in
// without touching the stage format.
type extension struct{}

func encodeExtension(*Map) extension { return extension{} }

func decodeExtension(*extension, *Map) error { return nil }
