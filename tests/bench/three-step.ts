/**
 * The same three-step approval in both engines: 科室审核 → 办公室主任审核 → 县长签发, one person
 * each, approved in order. Chancery gets a definition in its DSL, bpmn-engine three user tasks in
 * sequence.
 */
import type { WorkflowDefinition } from '../../core/definition/types.js';

export const THREE_STEP_STATES = ['section', 'director', 'head'] as const;

/** Who approves each step (user ids as the shell would resolve them). */
export const THREE_STEP_APPROVERS: Record<(typeof THREE_STEP_STATES)[number], string> = {
  section: 'u-section',
  director: 'u-director',
  head: 'u-head',
};

export const threeStepDefinition: WorkflowDefinition = {
  key: 'bench-three-step',
  title: { 'zh-CN': '三级审批（基准测试）', en: 'Three-step approval (benchmark)' },
  initial: 'section',
  states: {
    section: {
      title: { 'zh-CN': '科室审核', en: 'Section review' },
      approval: { assign: { users: [THREE_STEP_APPROVERS.section] }, mode: 'any' },
      on: { approve: 'director', reject: 'rejected' },
    },
    director: {
      title: { 'zh-CN': '办公室主任审核', en: 'Office director review' },
      approval: { assign: { users: [THREE_STEP_APPROVERS.director] }, mode: 'any' },
      on: { approve: 'head', reject: 'rejected' },
    },
    head: {
      title: { 'zh-CN': '县长签发', en: 'County head sign-off' },
      approval: { assign: { users: [THREE_STEP_APPROVERS.head] }, mode: 'any' },
      on: { approve: 'approved', reject: 'rejected' },
    },
    approved: { final: true },
    rejected: { final: true, result: 'rejected' },
  },
};

/** The same process for bpmn-engine: start → three user tasks → end. */
export const threeStepBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://chancery.example/bench">
  <process id="threeStepApproval" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="toSection" sourceRef="start" targetRef="section" />
    <userTask id="section" name="科室审核" />
    <sequenceFlow id="toDirector" sourceRef="section" targetRef="director" />
    <userTask id="director" name="办公室主任审核" />
    <sequenceFlow id="toHead" sourceRef="director" targetRef="head" />
    <userTask id="head" name="县长签发" />
    <sequenceFlow id="toEnd" sourceRef="head" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;
