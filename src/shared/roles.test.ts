/** The words the workbench shows for permissions (roles.ts ACTION_LABELS): every action has them, and no code leaks into a role's description. */
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, ACTIONS, actionLabel, roleDescription, STAFF_ROLES } from './roles.js';

describe('ACTION_LABELS', () => {
  it('names every action in Chinese (no code)', () => {
    for (const action of ACTIONS) {
      expect(ACTION_LABELS[action], action).toMatch(/^[\u4e00-\u9fff（）、，]+$/);
    }
    expect(new Set(Object.values(ACTION_LABELS)).size).toBe(ACTIONS.length);
  });

  it('describes each role in words: the city administrator maintains the calendar and the templates', () => {
    expect(roleDescription('city_admin')).toContain('维护工作日历、维护通知模板');
    for (const role of STAFF_ROLES) {
      expect(roleDescription(role), role).not.toMatch(/[a-z]\.[a-z]/);
      expect(roleDescription(role), role).not.toContain('使用工作台');
    }
    expect(roleDescription('helper')).toBe('收件（一窗受理、代为申请）、帮办代办');
  });

  it('leaves an unknown code as it is', () => {
    expect(actionLabel('calendar.manage')).toBe('维护工作日历');
    expect(actionLabel('future.thing')).toBe('future.thing');
  });
});
