export { readDefectManifest, type DefectKind, type DefectManifest, type DefectOutcome, type PlantedDefect, type PlantedRejectReason, type SampleEntity } from './defect-manifest.js';
export { manifestName, sampleFiles, writeSampleExport, type SampleExportOptions, type SampleSummary } from './sample-export.js';
export type { WrittenFile } from './csv-file-writer.js';
export { changesName, readChangeManifest, type ChangeKind, type ChangeManifest, type SampleChange } from './change-manifest.js';
export { daysLaterMax } from './later-export.js';
