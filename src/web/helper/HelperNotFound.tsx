import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading.js';

export default function HelperNotFound() {
  return (
    <>
      <PageHeading>页面不存在</PageHeading>
      <p>帮办工作台里没有这个页面，可能链接有误。</p>
      <p>
        <Link to="/helper/">返回我的任务</Link>
      </p>
    </>
  );
}
