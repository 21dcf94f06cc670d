// @pipgrub/venv: the whole public API — Python discovery, virtual environment creation and location,
// the wheel installer, installed-distribution scanning, uninstall, sync and the global wheel cache.

export { VenvError, isVenvError } from './errors';
export type { VenvErrorCode } from './errors';

export { queryInterpreter, versionString } from './python/interpreter';
export type { InterpreterInfo, MarkerEnvironment, SchemePaths, QueryOptions } from './python/interpreter';
export { parsePythonRequest, requestFromPipfileRequires, requestMatches } from './python/request';
export type { PythonRequest, VersionClause } from './python/request';
export { findPython, findPythons, listPythonCandidates } from './python/discovery';
export { supportedTags, wheelTarget } from './python/tags';
export type { PythonCandidate, PythonSource, DiscoveryOptions } from './python/discovery';

export { createVenv, removeVenv, bundledPipWheel, PIPGRUB_VERSION } from './create/create-venv';
export type { CreateVenvOptions } from './create/create-venv';
export { openVenv, schemeFor, venvPython, parsePyvenvCfg, BIN_NAME } from './create/layout';
export type { VirtualEnv, InstallScheme } from './create/layout';
export { activationScripts } from './create/activation';
export type { ActivationContext } from './create/activation';
export { pipenvVenvLocation, pipenvVenvName, sanitizeProjectName, workonHome } from './location';
export type { VenvLocation, LocationOptions } from './location';

export { installWheel, stageWheel } from './wheel/install';
export type { InstallWheelOptions, InstallResult } from './wheel/install';
export { StagedInstall, directUrlJson } from './wheel/staged-install';
export type { DirectUrl, StageOptions } from './wheel/staged-install';
export { verifyFileHashes, parseHash } from './wheel/hashes';
export { parseRecord, formatRecord, recordHash } from './wheel/record';
export type { RecordRow } from './wheel/record';
export { parseEntryPoints, launcherScript } from './wheel/entry-points';
export type { ScriptEntryPoint } from './wheel/entry-points';
export { parseWheelName } from './wheel/wheel-name';
export { bestWheel } from './wheel/select';
export { chooseLockedWheel, lockedWheels } from './wheel/locked-wheels';
export type { LockedWheelChoice, LockedWheelsOptions } from './wheel/locked-wheels';
export type { WheelName } from './wheel/wheel-name';
export { compileBytecode } from './wheel/compile';

export { listInstalled, readRecordPaths } from './installed/distributions';
export type { InstalledDistribution } from './installed/distributions';
export { uninstallDistribution, uninstallDistributions } from './installed/uninstall';
export type { UninstallManyOptions } from './installed/uninstall';
export { installedGraph, readRequiresDist } from './installed/graph';
export type { InstalledNode } from './installed/graph';

export { planSync, syncEnvironment } from './sync';
export type { WantedPackage, Downloader, SyncAction, SyncOptions, SyncReport, SyncEvent, CommitStep } from './sync';
export { CommitJournal, recoverInterruptedChanges } from './wheel/commit-journal';
export { withSignalsDeferred } from './critical-section';
export type { SignalWatch } from './critical-section';
export { interpreterInstallPaths, openSystemEnvironment, isSystemEnvironment, stagingRoot, systemPython } from './install-target';
export type { InterpreterInstallPaths, SystemEnvironment, SystemEnvironmentOptions } from './install-target';

export { WheelCache, linkOrCopy } from './cache/wheel-cache';
export type { UnpackManifest, UnpackedFile } from './cache/wheel-cache';
export { defaultCacheDir } from './cache/dirs';

export { parseBuildSystem, readBuildSystem, DEFAULT_BUILD_SYSTEM } from './build/pyproject';
export type { BuildSystem } from './build/pyproject';
export { HookCaller, BuildError, isBuildError } from './build/hooks';
export type { BuildHook, HookCallerOptions, HookOutcome } from './build/hooks';
export { BuildEnvironment } from './build/build-env';
export type { BuildPackageSource, BuildEnvironmentOptions } from './build/build-env';
export { ProjectBuilder } from './build/frontend';
export type { LocalMetadata, BuildMode, ProjectBuilderOptions } from './build/frontend';
export { checkoutGit, assertSupportedVcs } from './build/vcs';
export type { GitCheckout, GitCheckoutOptions } from './build/vcs';
export { LocalProjects, localProjectSpec, isLocalEntry, directUrlOf } from './build/local-project';
export type { LocalProjectSpec, PreparedLocalProject, LocalProjectsOptions, LocalEntryFields } from './build/local-project';
export { localWheels, splitLocalEntries } from './build/local-wheels';
export type { LocalWheelsOptions } from './build/local-wheels';
