/**
 * The most common passwords of 8 characters or more, lower case, for the `default` preset's
 * blocklist (NIST SP 800-63B 3.1.1.2: reject values "known to be commonly used"). Shorter ones
 * are left out because every preset that rejects common passwords has a minimum of 8.
 *
 * Drawn from the leaked-password top lists every blocklist starts from (RockYou, the NCSC top
 * 100 000, yearly "worst passwords" lists) and from the top of the CSDN/Tianya leaks for users
 * of Chinese consoles (`woaini1314`, `5201314…`, pinyin words, keyboard walks). It is kept small
 * on purpose: it ships in the browser bundle, and its job is to stop the first guesses of an
 * online attack, not to replace a breach corpus check on the server.
 *
 * One string split on whitespace rather than an array literal: about half the bytes.
 */
const LIST = `
password password1 password12 password123 password1234 password! password01 passw0rd p@ssw0rd p@ssword
p@55w0rd pa55word pa55w0rd passwort motdepasse contraseña wachtwoord mypassword yourpassword newpassword
thepassword password2 password3 password7 password11 password13 password22 password69 password88
12345678 123456789 1234567890 0123456789 12345678910 123456780 1234567899 123456789a 123456789q
87654321 987654321 9876543210 0987654321 12341234 123412345 12344321 11223344 1122334455 11112222
12121212 123123123 1231231234 123321123 1234554321 123454321 123456123 1234512345 1234567812345678
123456654321 112233445566 123456789123 1234567891 12345678900 123456788 123456987 123654789 147258369
147852369 159357258 159753852 789456123 741852963 963852741 321654987 135792468 246813579 13579246
24682468 14725836 15935728 98765432 23456789 34567890 01234567 02468135 10203040 1020304050
11111111 111111111 1111111111 00000000 000000000 0000000000 22222222 33333333 44444444 55555555
66666666 77777777 88888888 99999999 888888888 666666666 999999999 12312312 10101010 20202020
11110000 00001111 12300000 11221122 12211221 11001100 110110110 119119119 520520520 31415926
314159265 3141592653 27182818 13145200 13141314 05201314 52013140 52013141 52013145 520131400
5201314520 1314520520 52013145201314 131452000 1314521521 5211314a 5201314a a5201314 woaini1314
woaini520 woaini123 woaini521 woaini12 woaini1314520 iloveyou1314 aini1314 wo5201314 1314woaini
woaiwojia wodemima mimamima zhangwei wangjing liuyang123 zhang123 wang123456 li123456 xiaoming
xiaoqiang shanghai beijing2008 beijing1 zhongguo woaizhongguo chinese1 china123 china2008 qq123456
qq123456789 qq5201314 qwe123456 wangyang huanghe1 tiantian dongdong xiaoxiao huanhuan lovelove
baobei520 baobei1314 laopo520 laogong520 aaaaaaaa aaaaaaaaa a1234567 a12345678 a123456789
aa123456 aa12345678 aaa12345 aaa123456 abc12345 abc123456 abc1234567 abcd1234 abcd12345 abcde123
abcdef12 abcdefg1 abcdefgh abcdefghi abcdefghij 1234abcd 12345abc 123456abc 123456aa 123456qq
123456as 123456ab 123456qwe 123456asd 123abc123 abc123abc a1b2c3d4 a1b2c3d4e5 1a2b3c4d 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 1qaz2wsx 1qaz2wsx3edc !qaz2wsx 1qazxsw2
zaq12wsx zaq1zaq1 zaq1xsw2 xsw21qaz 2wsx3edc qazwsxedc qazwsxedcrfv qazxswedc qwertyui qwertyuiop
qwerty12 qwerty123 qwerty1234 qwerty12345 qwerty123456 qwertyu1 qwer1234 qwer12345 1234qwer
qweasdzxc qweasd123 123qweasd 123qweasdzxc qweqweqwe qwe12345 qwe123qwe asdfghjk asdfghjkl
asdfasdf asdf1234 asdf12345 asd12345 asd123456 asdasdasd asdqwe123 zxcvbnm1 zxcvbnm123 zxcvbnmm
zxcv1234 zxc12345 zxc123456 zxczxczxc 1234zxcv poiuytrewq lkjhgfdsa mnbvcxz1 qwertyuiop123
iloveyou iloveyou1 iloveyou2 iloveyou12 iloveyou123 iloveu123 ilovegod iloveme1 loveyou1 loveyou2
lovelove1 lovely123 loveme123 sunshine sunshine1 princess princess1 football football1 baseball
baseball1 basketball soccer123 hockey123 superman superman1 batman123 spiderman starwars starwars1
whatever whatever1 jennifer michelle michael1 jordan23 jordan123 charlie1 charlie123 thomas123
computer computer1 corvette mercedes mustang1 internet internet1 trustno1 letmein1 letmein123
welcome1 welcome123 welcome12 welcome2024 welcome2025 admin123 admin1234 admin12345 administrator
admin@123 adminadmin root1234 rootroot toor1234 changeme changeme1 default1 defaultpassword
secret123 secret12 freedom1 monkey12 monkey123 dragon12 dragon123 master12 master123 shadow12
shadow123 killer12 pokemon1 pokemon123 naruto123 minecraft minecraft1 fortnite1 roblox123
abc123abc123 chocolate butterfly elephant midnight1 diamond1 blink182 nirvana1 metallica
liverpool liverpool1 arsenal1 chelsea1 manchester barcelona realmadrid juventus ronaldo7 messi1010
cristiano ferrari1 porsche911 lamborghini mercedes1 yamaha123 harley123 samsung1 samsung123 nokia123
iphone12 iphone123 apple123 google123 facebook1 youtube1 twitter1 microsoft windows1 linux123
ubuntu123 oracle123 mysql123 test1234 test12345 testtest testing1 testing123 tester123 demo1234
guest123 user1234 username login123 qazqazqaz hello123 hello1234 helloworld hello1234567 goodluck
goodbye1 blessed1 jesus123 jesuschrist godisgood christ123 angel123 angels123 heaven123 nicole123
jessica1 ashley123 amanda123 hannah123 daniel123 andrew123 joshua123 matthew1 anthony1 william1
richard1 robert123 david123 james123 johnson1 jackson1 fuckyou1 fuckyou123 fuckoff1 asshole1
bitch123 sexsexsex pussy123 blowjob1 hunter12 hunter123 ranger12 tigger12 tigger123 buster12
ginger12 pepper12 cookie123 summer12 summer123 summer2024 winter12 winter123 autumn12 spring12
january1 february march123 september october1 november december monday12 friday13 saturday
sunday12 qwerty11 qwerty01 asdf;lkj 1qaz!qaz 1qaz@wsx !qaz@wsx 1q2w3e4r! p@ssw0rd1 passw0rd1
passw0rd! pass1234 pass12345 pass123456 pass@123 password@123 password#1 password$ p4ssw0rd
trustme1 access14 access123 letmein! master01 matrix123 starlight starcraft warcraft3 diablo123
zelda123 mario123 pikachu1 doraemon hellokitty kitty123 puppy123 doggie12 kitten12 teddybear
snoopy12 bubbles1 flower123 flowers1 rainbow1 rainbow123 sunflower strawberry pineapple banana12
orange12 cherry12 peaches1 coffee12 chicken1 cheese12 pizza123 cookies1 icecream bigdaddy
bigboss1 superstar rockstar rockyou1 rockyou123 babygirl1 babyboy1 mylove123 myspace1 princesa
tequiero teamo123 contrasena 1234567a 12345678a 12345678q 1234567q a11111111 aa11111111 qq111111
qq11111111 a00000000 1111aaaa aaaa1111 abcdabcd 1a1a1a1a qaz123456 qaz12345 wsx12345 edc12345
123qwe123 123qwe123qwe 1234qwerasdf qwerasdf qwerasdfzxcv asdfzxcv zxcvasdf 147258369a 0000aaaa
a7758521 7758521a 77585210 775852100 5845201314 584521584 3344520a 1314159a 123456789zxc
woshishui woshiniba nihao123 nihaoma1 wocaonima mimashi123 mima1234 mima123456 123456mima
gongzuo123 jiayou123 jiayou2024 xingfu123 kuaile123 yiyiyiyi bugaosuni buzhidao shuaige1
meinv123 haoren123 laoban123 pengyou1 xiaobao1 xiaohua1 xiaolong xiaoyu123 longlong jingjing
lili1234 yangyang1 haha1234 hahahaha hehehehe xixixixi 66668888 88886666 16888888 18888888
168168168 518518518 51888888 58585858 12348765 12345678abc abc12345678 asdf123456 qwe123456789
`;

/** The list as a set, for constant-time lookups. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

/**
 * Case-insensitive: `Password123` is as guessable as `password123`, and attackers try the
 * capitalised forms first. NFKC makes full-width input (`ｐａｓｓｗｏｒｄ`) match too.
 */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.normalize('NFKC').toLowerCase());
}
