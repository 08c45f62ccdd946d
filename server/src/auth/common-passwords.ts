/**
 * Passwords people choose first: from the well-known leaked-password top lists (English and Chinese
 * sites), keyboard walks, common names and pinyin, and this product's own words. The policy compares
 * them after lowercasing, stripping leading and trailing digits and symbols, and undoing the usual
 * character swaps (see password.ts), so `Password1`, `P@ssw0rd!` and `Admin@2024` all match here.
 */
export const COMMON_PASSWORDS: readonly string[] = `
password passwd passw pass passpass passport mypass mypassword newpass newpassword oldpassword
qwerty qwert qwer qwe qwertz qwertyu qwertyui qwertyuiop qwaszx qwerasdf qweasd qweasdzxc qweqwe
asdf asdfg asdfgh asdfghj asdfghjk asdfghjkl asd asdasd asdqwe asdzxc zxcv zxcvb zxcvbn zxcvbnm zxc zxczxc
qaz qazwsx qazwsxedc qazxsw qaz2wsx 1qaz2wsx 1qazxsw2 zaq zaqxsw zaq12wsx zaq1xsw2 wsx edc rfv 1q2w3e
1q2w3e4r 1q2w3e4r5t q1w2e3r4 q1w2e3r4t5 1qa2ws3ed azerty azertyuiop ytrewq poiuytrewq mnbvcxz
a aa aaa aaaa aaaaa aaaaaa aaaaaaaa abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcabc abcd1234
abc123 abc123456 a123456 a1234567 a12345678 a123456789 aa123456 aaa111 q qq qqq qqqq qqqqqq qqqqqqqq
qq123456 z zz zzz zzzzzz x xx xxx xxxxxx s ss sss w ww www wwww p pp ppp
admin administrator adm admins adminadmin root toor rootroot sysadmin sys system sa superuser super
user username users login logon guest guests test tester testing testtest test123 demo demos default
manager master masterkey webmaster operator office staff account accounts member members union unions
welcome welcomeback hello hellohello helloworld hi letmein letmeinnow changeme change changeit secret
secrets trustno trustnoone opensesame open enter access accessgranted temp temppass temporary public
private company business service support server database oracle mysql postgres postgresql security
secure computer internet network google yahoo facebook microsoft windows linux apple iphone samsung
huawei xiaomi baidu taobao tencent alibaba weixin wechat qqmima
iloveyou iloveu loveyou love lover loving lovely lovers mylove baby babygirl babyboy angel angels
monkey dragon tiger lion eagle shark wolf bear dog cat kitty puppy bunny horse
baseball football soccer basketball hockey tennis golf boxing
batman superman spiderman ironman pokemon starwars starwar matrix ninja pirate
shadow sunshine princess prince king queen boss legend winner champion victory success power
charlie michael jennifer jordan hunter ranger buster thomas tigger robert daniel andrew joshua george
jessica ashley amanda nicole michelle matthew anthony william jasmine maggie ginger pepper killer
justin taylor austin harley dakota ferrari porsche mustang corvette mercedes
cookie summer winter spring autumn flower orange banana cherry lemon chocolate cheese
freedom whatever nothing forever family friends friend happy smile goodluck lucky
jesus christ god blessed faith heaven hope
money dollar rich gold silver diamond
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
fuckyou fuck asshole bitch sexy hottie
liverpool chelsea arsenal barcelona
woaini woaini1314 aini aiwo woaiwojia woaiwoma woainima wodemima mima mimima wodeqq
nihao nihaoma haha hehe xixi heihei hahaha
laopo laogong baobao beibei tiantian kuaile xingfu pingan facai fafa
zhangsan lisi wangwu xiaoming
dearbook xiazhili
zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang
xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding
china zhongguo shanghai beijing shenzhen guangzhou hangzhou nanjing
gonghui zonggonghui zhigong huiyuan huiyuanka baozhang zhibao fuwu
yonghu guanli guanliyuan ceshi kaifa xitong denglu zhanghao mimamima
`
  .trim()
  .split(/\s+/);
