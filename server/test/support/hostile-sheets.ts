import { rowXml, sheetXml } from './workbooks.js';

/**
 * Hostile and mutated worksheets for the fuzz tests (the reader's spec and the upload test): seeded,
 * so a failure replays.
 */
export const HEADER = ['姓名', '性别', '证件类型', '证件号码', '证件到期日', '手机号码', '工作单位详细地址', '会员类别', '入会日期', '女职工岗位'];
/** A valid member sheet of 30 rows, which the mutations start from. */
export const VALID = sheetXml(
  [
    rowXml(1, HEADER),
    ...Array.from({ length: 30 }, (_, i) =>
      rowXml(i + 2, [`会员${i}`, '男', '身份证', '11010519491231002X', 45658, '13912345678', '上海市浦东新区世纪大道一百号', '企业内职工', '2024-01-01', '']),
    ),
  ].join(''),
);

const TAGS = [
  '<row>',
  '</row>',
  '<row r="3">',
  '<c>',
  '</c>',
  '<c r="B2" t="s">',
  '<c t="inlineStr">',
  '<v>',
  '</v>',
  '<is>',
  '</is>',
  '<t>',
  '</t>',
  '<f>',
  '</f>',
  '<sheetData>',
  '</sheetData>',
  '<x:row>',
  '<r>',
  '<rPh>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?x',
  '?>',
  '<',
  '>',
  '"',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  '_x0000_',
  '<c r="ZZZZZZZZ2">',
  '<row r="99999999">',
  '<c r="XFD1048576">',
];

/** One mutation of the valid sheet, chosen by the generator. */
export function mutate(next: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const at = () => Math.floor(next() * VALID.length);
  switch (Math.floor(next() * 9)) {
    case 0: // truncated anywhere
      return VALID.slice(0, at());
    case 1: // a chunk deleted
      return ((a, b) => VALID.slice(0, Math.min(a, b)) + VALID.slice(Math.max(a, b)))(at(), at());
    case 2: // tags inserted at random places
      return Array.from({ length: 1 + Math.floor(next() * 20) }).reduce<string>(
        (s) => ((p) => s.slice(0, p) + pick(TAGS) + s.slice(p))(Math.floor(next() * s.length)),
        VALID,
      );
    case 3: // tag soup
      return sheetXml(Array.from({ length: 200 + Math.floor(next() * 2000) }, () => pick(TAGS)).join(''));
    case 4: // deep nesting, inside or outside the sheet data
      return next() < 0.5
        ? sheetXml('<row><c>' + '<x>'.repeat(20_000) + '</x>'.repeat(20_000) + '</c></row>')
        : `<worksheet>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}<sheetData>${rowXml(1, HEADER)}</sheetData></worksheet>`;
    case 5: // huge or broken references
      return sheetXml(
        rowXml(1, HEADER) + `<row r="2"><c r="${pick(['ZZZZZZ2', 'ZZZZZZZZZZZZ2', 'XFE2', 'AY2', 'A0', 'a2', 'A99999999999', '2A', ''])}"><v>1</v></c></row>`,
      );
    case 6: // unclosed rows, many
      return sheetXml('<row>'.repeat(5_000 + Math.floor(next() * 20_000)));
    case 7: // bytes flipped
      return [...VALID].map((ch) => (next() < 0.01 ? String.fromCharCode(Math.floor(next() * 128)) : ch)).join('');
    default: // a DTD with entities (never processed), or attributes gone wrong
      return pick([
        `<!DOCTYPE x [<!ENTITY a "${'b'.repeat(100)}">]>${VALID}`,
        VALID.replace(/r="/g, 'r=').replace(/<c /g, '<c r="A1" r="B1" '),
        VALID.replace(/"/g, "'"),
        VALID.replace(/<v>/g, '<v>' + 'x'.repeat(40_000)),
      ]);
  }
}
