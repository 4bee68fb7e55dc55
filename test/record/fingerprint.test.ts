import { describe, expect, it } from 'vitest';
import { fingerprintFields, machineDifferences, machineFingerprint } from '../../src/record/index.js';
import { syntheticMachine } from '../helpers/synthetic.js';

describe('the machine fingerprint', () => {
  const epyc = { ...syntheticMachine({ cpu: 'AMD EPYC', cores: 2, memory: 25276510208, node: '20.20.2' }), hostname: 'vm' };

  it('names CPU, cores, usable CPUs, memory in whole GiB, OS and Node/V8, not the hostname', () => {
    expect(fingerprintFields(epyc)).toEqual([
      { name: 'CPU', value: 'AMD EPYC' },
      { name: 'cores (logical/physical)', value: '2/2' },
      { name: 'CPUs usable', value: '2' },
      { name: 'memory', value: '24 GiB' },
      { name: 'OS', value: 'Linux x64' },
      { name: 'Node / V8', value: '20.20.2 / 11' },
    ]);
    expect(machineFingerprint({ ...epyc, hostname: 'runner-7' } as typeof epyc)).toBe(machineFingerprint(epyc));
    expect(machineFingerprint({ ...epyc, memoryBytes: epyc.memoryBytes + 50 * 2 ** 20 })).toBe(machineFingerprint(epyc));
    expect(machineFingerprint(epyc)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('lists what differs, field by field, and nothing for the same machine', () => {
    expect(machineDifferences(epyc, { ...epyc })).toEqual([]);
    const other = { ...epyc, cpuModel: 'Intel Xeon', logicalCores: 4, physicalCores: null, availableParallelism: 4, node: '22.1.0' };
    expect(machineDifferences(epyc, other)).toEqual([
      'CPU "AMD EPYC" → "Intel Xeon"',
      'cores (logical/physical) "2/2" → "4/?"',
      'CPUs usable "2" → "4"',
      'Node / V8 "20.20.2 / 11" → "22.1.0 / 11"',
    ]);
    expect(machineFingerprint(other)).not.toBe(machineFingerprint(epyc));
  });
});
