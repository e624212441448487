// News-style cues for person names (src/detect/text-name-cues.ts and the
// title path of text-names.ts). Every sentence is written for these tests.
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/detect/index.ts';

const names = (text: string): string[] =>
  scan(text, { types: ['person-name'], includeValue: true }).map((f) => f.value as string);

describe('person names in news text', () => {
  it('finds a name after a title or office', () => {
    expect(names('国家主席江泽民昨天在北京会见了来访的客人。')).toEqual(['江泽民']);
    expect(names('本报记者王建平报道：')).toEqual(['王建平']);
    expect(names('市文化局副局长周和平参加了开幕式。')).toEqual(['周和平']);
    expect(names('会议由总经理董明远主持。')).toEqual(['董明远']);
  });

  it('finds a name before a title or a speech or action verb', () => {
    expect(names('这次，李鹏总理在讲话中提出了三点意见。')).toEqual(['李鹏']);
    expect(names('会上，刘志华表示，明年还要扩大规模。')).toEqual(['刘志华']);
    expect(names('听完汇报，孙立新强调，安全第一。')).toEqual(['孙立新']);
    expect(names('前来参观的傅红雷教授对此很感兴趣。')).toEqual(['傅红雷']);
  });

  it('finds a three-character name of a common surname and common name characters after punctuation', () => {
    expect(names('比赛结束后，王海明显得很疲惫。')).toEqual(['王海明']);
  });

  it('finds every later occurrence of a name found with a cue', () => {
    const text = '厂长吴国栋介绍了情况。去年冬天，吴国栋带人跑遍了全县，吴国栋的笔记本记满了数字。';
    expect(names(text)).toEqual(['吴国栋', '吴国栋', '吴国栋']);
  });

  it('finds the names listed after a name found with a cue', () => {
    expect(names('教练马卫东、杨小林和郑春生出席了仪式。')).toEqual(['马卫东', '杨小林', '郑春生']);
    expect(names('这次，王立国、李鹏总理出席了会议。')).toEqual(['王立国', '李鹏']);
  });

  it('takes a bare surname before an honorific or office as the name', () => {
    expect(names('我们在会客室见到了陈先生。')).toEqual(['陈']);
    expect(names('学校的刘老师，他教了三十年书。')).toEqual(['刘']);
    expect(names('党主席和区委书记都到了。')).toEqual([]);
  });

  it('finds transliterated foreign names after a title or before a verb', () => {
    expect(names('美国国务卿奥尔布赖特今天抵达。')).toEqual(['奥尔布赖特']);
    expect(names('对此，克林顿表示欢迎。')).toEqual(['克林顿']);
    expect(names('比尔·克林顿')).toEqual(['比尔·克林顿']);
  });

  it('reports no name for a title without one, or for words that only look like names', () => {
    expect(names('总理强调，要加快改革步伐。')).toEqual([]);
    expect(names('每位县长都要面对群众。')).toEqual([]);
    expect(names('这部电视剧由军旅作家执笔，但恐怕要推迟播出。')).toEqual([]);
    expect(names('市长高度评价了这项工作。')).toEqual([]);
    expect(names('主席台上坐满了代表。')).toEqual([]);
    expect(names('这里原是清朝的总理衙门。')).toEqual([]);
    expect(names('张医生医术高明。')).toEqual([]);
    expect(names('创建全国文明城市')).toEqual([]);
    expect(names('金华火腿很好吃')).toEqual([]);
    expect(names('今年粮食产量达到3万吨，新修公路20公里。')).toEqual([]);
    expect(names('俄罗斯、印度和巴西的代表出席了会议。')).toEqual([]);
  });

  it('keeps 高明 as a place apart from 高明 as a name', () => {
    const district = scan('家住佛山市高明区荷城街道', { types: ['person-name', 'address'] });
    expect(district.map((f) => f.type)).toEqual(['address']);
    expect(names('记者高明说，情况属实。')).toEqual(['高明']);
  });

  it('reports a name found after a role word once, not a title inside it (邻居李娜)', () => {
    expect(names('邻居李娜说她没听见。')).toEqual(['李娜']);
  });
});
