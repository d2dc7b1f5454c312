// The embedded DataStore: one file per blob under a data directory.
//
//   <root>/tmp/<random>.tmp        blobs being written (removed by the writer or the sweep)
//   <root>/objects/<xx>/<ref>      committed blobs; <ref> is 32 random hex digits (128 bits)
//                                  and <xx> its first two, so no directory grows past ~1/256
//                                  of the objects
//
// Commit is write -> fdatasync -> rename into objects/<xx>/ -> fsync(objects/<xx>/); see
// docs/on-disk-format.md for the crash cases. Thread-safe as DataStore requires: the store
// holds no mutable state beyond the file system.
#pragma once

#include "storage/data_store.hpp"

#include <memory>
#include <string>

namespace ossd::storage {

// Creates <root>, tmp/, objects/ and the 256 fan-out directories if missing (and fsyncs
// them), so a commit never has to mkdir. Throws std::runtime_error on failure.
std::unique_ptr<DataStore> open_local_data_store(const std::string& root_dir);

}  // namespace ossd::storage
