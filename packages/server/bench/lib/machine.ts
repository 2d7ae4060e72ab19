/** What the figures were measured on: they mean little without it. */
import { statfs } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';

/** statfs(2) magic numbers of the file systems a data directory is likely to sit on. */
const FILE_SYSTEMS: Record<number, string> = {
  0xef53: 'ext2/3/4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x01021994: 'tmpfs',
  0x794c7630: 'overlayfs',
  0x65735546: 'fuse',
  0x6969: 'nfs',
};

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  threadPool: number;
  /** File system of the temporary directory, where the data files live. */
  dataFs: string;
  /** 1-minute load average when the bench started: other work on the machine skews the figures. */
  loadAtStart: number;
}

export async function describeMachine(): Promise<Machine> {
  const type = (await statfs(tmpdir())).type;
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    threadPool: Number(process.env.UV_THREADPOOL_SIZE) || 4,
    dataFs: FILE_SYSTEMS[type] ?? `fs type 0x${type.toString(16)}`,
    loadAtStart: loadavg()[0]!,
  };
}

export const currentLoad = () => loadavg()[0]!;
