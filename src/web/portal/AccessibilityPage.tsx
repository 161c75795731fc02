import { Link } from 'react-router';
import { useSite } from '../api/session.js';
import { PageHeading } from '../components/PageHeading.js';

/** The accessibility statement: what works today, what does not yet, and how to report a barrier. */
export default function AccessibilityPage() {
  const site = useSite();
  const phone = site.data?.phone ?? '0537-12345';
  const siteName = site.data?.siteName ?? '邹城市政务服务';
  return (
    <div className="prose">
      <PageHeading>无障碍声明</PageHeading>
      <p className="lead">
        {siteName}
        希望老年人、残障人士和所有群众都能顺利使用本网站。本页如实说明目前已经做到的、尚未做到的，以及遇到障碍时如何反映。
      </p>

      <section className="card" aria-labelledby="a11y-standard">
        <h2 id="a11y-standard">遵循的标准</h2>
        <p>
          本网站以《Web 内容无障碍指南》（WCAG）2.1 AA 级和国家标准 GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》为目标，并参照工业和信息化部《互联网网站适老化通用设计规范》。
        </p>
      </section>

      <section className="card" aria-labelledby="a11y-today">
        <h2 id="a11y-today">目前已支持</h2>
        <ul>
          <li>全部功能可只用键盘操作：按 Tab 键依次移动，获得焦点的元素有清晰的蓝色边框；每页第一个可用链接是“跳到主要内容”。</li>
          <li>页面使用规范的标题层级、页眉、主要内容、页脚等结构，并为每个输入框、按钮和链接提供文字名称，便于读屏软件（如手机自带的读屏功能、NVDA、争渡读屏）朗读。</li>
          <li>文字与背景的颜色对比度不低于 4.5:1，输入框边框对比度不低于 3:1；出错提示用文字说明，不只靠颜色区分。</li>
          <li>页面随屏幕宽度自动排版，可在手机上使用；浏览器放大到 200% 时内容不丢失、不重叠。</li>
          <li>登录采用手机短信验证码，没有需要辨认图片的验证码。</li>
          <li>工作人员长时间未操作、登录即将到期时，提前 2 分钟提示，并可选择“继续使用”延长，不会在无提示的情况下丢失正在填写的内容。</li>
          <li>表单提交出错时，错误说明显示在对应输入框旁边，并会被读屏软件读出。</li>
          <li>项目的自动化测试在每次修改后用 axe 工具按 WCAG 2.1 A/AA 规则检查主要页面，发现问题即判为测试失败。自动化工具只能发现部分问题，我们同样重视人工反馈。</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="a11y-gaps">
        <h2 id="a11y-gaps">尚未支持（正在建设）</h2>
        <ul>
          <li>长辈版（大字体、大按钮、简化界面）尚未上线。目前可使用手机或浏览器自带的字体放大功能。</li>
          <li>网站自带的语音朗读、高对比度模式和大鼠标指针尚未提供，可使用操作系统或读屏软件的相应功能。</li>
          <li>工作人员工作台中的部分表格在手机小屏幕上需要左右滑动查看。</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="a11y-report">
        <h2 id="a11y-report">遇到障碍怎么办</h2>
        <p>如果您在使用本网站时遇到任何无法操作、看不清或听不到的情况，请告诉我们：</p>
        <ul>
          <li>
            拨打咨询电话 <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>，说明是“网站无障碍问题”。
          </li>
          <li>请尽量告诉我们：遇到问题的页面（例如“群众登录”页）、您想做的事情、使用的设备和浏览器，以及是否使用读屏或放大软件。</li>
          <li>需要办理的事项不能因网站障碍而耽误：您可以直接前往镇（街道）为民服务中心或村（社区）便民服务站，由工作人员帮办代办。</li>
        </ul>
        <p>
          返回<Link to="/">首页</Link>。
        </p>
      </section>

      <p className="muted">本声明随网站功能更新而更新，最近更新于 2026 年 11 月。</p>
    </div>
  );
}
